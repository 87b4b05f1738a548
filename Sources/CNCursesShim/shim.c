#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncurses.h>
#include "CNCursesShim.h"

uint32_t cs_attr_normal(void) { return (uint32_t)A_NORMAL; }
uint32_t cs_attr_bold(void) { return (uint32_t)A_BOLD; }
uint32_t cs_attr_dim(void) { return (uint32_t)A_DIM; }
uint32_t cs_attr_reverse(void) { return (uint32_t)A_REVERSE; }
uint32_t cs_attr_underline(void) { return (uint32_t)A_UNDERLINE; }
uint32_t cs_color_pair(int pair) { return (uint32_t)COLOR_PAIR(pair); }
int cs_key_f(int n) { return KEY_F(n); }
int cs_getmaxy(void *window) { return getmaxy((WINDOW *)window); }
int cs_getmaxx(void *window) { return getmaxx((WINDOW *)window); }
