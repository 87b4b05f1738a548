#ifndef CORTEXSCOPE_CNCURSES_SHIM_H
#define CORTEXSCOPE_CNCURSES_SHIM_H
// Functions for ncurses macros that Swift cannot import.
#include <stdint.h>

typedef struct _win_st cs_window;

uint32_t cs_attr_normal(void);
uint32_t cs_attr_bold(void);
uint32_t cs_attr_dim(void);
uint32_t cs_attr_reverse(void);
uint32_t cs_attr_underline(void);
uint32_t cs_color_pair(int pair);
int cs_key_f(int n);
int cs_getmaxy(void *window);
int cs_getmaxx(void *window);

#endif
