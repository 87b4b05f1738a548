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

#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>

static volatile sig_atomic_t cs_termination_signal = 0;
static volatile sig_atomic_t cs_resize_pending = 0;

static void cs_record_signal(int signo) {
    if (signo == SIGWINCH) {
        cs_resize_pending = 1;
    } else if (cs_termination_signal == 0) {
        cs_termination_signal = signo;
    }
}

int cs_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cs_record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}

int cs_pending_termination_signal(void) { return cs_termination_signal; }

int cs_take_resize(void) {
    if (!cs_resize_pending) return 0;
    cs_resize_pending = 0;
    return 1;
}

int cs_window_size(int fd, int *out_rows, int *out_columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *out_rows = size.ws_row;
    *out_columns = size.ws_col;
    return 0;
}

int cs_has_string_capability(const char *name) {
    char *value = tigetstr((char *)name);
    return value != NULL && value != (char *)-1;
}

int cs_numeric_capability(const char *name) {
    int value = tigetnum((char *)name);
    return value < 0 ? -1 : value;
}

// Fatal signals (a crash): leave curses mode before the process dies, so the shell is not
// left without echo and in the alternate screen. endwin is not async-signal-safe, but the
// process is about to end and htop's crash handler makes the same trade. The previous
// handler (the Swift runtime's backtracer, if any) then runs as it would have.
static struct sigaction cs_previous_fatal[32];
static const int cs_fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};

static void cs_restore_on_fatal(int signo, siginfo_t *info, void *context) {
    endwin();
    struct sigaction *previous = &cs_previous_fatal[signo];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) {
            previous->sa_sigaction(signo, info, context);
            return;
        }
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signo);
        return;
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

int cs_install_fatal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = cs_restore_on_fatal;
    action.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (unsigned i = 0; i < sizeof cs_fatal_signals / sizeof cs_fatal_signals[0]; i++) {
        int signo = cs_fatal_signals[i];
        if (sigaction(signo, &action, &cs_previous_fatal[signo]) != 0) return -1;
    }
    return 0;
}
