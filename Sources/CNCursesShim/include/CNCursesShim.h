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

// Signal handling for the terminal backend. The handlers only record the signal in a
// sig_atomic_t, so a signal that arrives while drawing never runs ncurses code; the main
// loop polls the flags and restores the terminal itself. Installing them before newterm
// also stops ncurses from installing its own handlers, which call exit().

/// Installs recording handlers for SIGINT, SIGTERM, SIGHUP and SIGWINCH (no SA_RESTART,
/// so a blocking read returns early). Returns 0, or -1 with errno set.
int cs_install_signal_handlers(void);
/// Returns the first termination signal received (SIGINT, SIGTERM, SIGHUP) or 0.
int cs_pending_termination_signal(void);
/// Returns 1 and clears the flag when SIGWINCH arrived since the last call, else 0.
int cs_take_resize(void);
/// Reads the window size of `fd` with TIOCGWINSZ. Returns 0, or -1 when it fails.
int cs_window_size(int fd, int *out_rows, int *out_columns);
/// Returns 1 when terminfo has a usable string capability `name` (not absent, not
/// cancelled), else 0. Call after setupterm or newterm.
int cs_has_string_capability(const char *name);
/// Returns the numeric capability `name`, or -1 when absent.
int cs_numeric_capability(const char *name);

/// Installs handlers that leave curses mode on SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and
/// SIGFPE, then pass the signal on to the handler that was there before. Returns 0 or -1.
int cs_install_fatal_handlers(void);

#endif
