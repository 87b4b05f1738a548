#ifndef CORTEXSCOPE_CNCURSES_H
#define CORTEXSCOPE_CNCURSES_H
// Wide-character ncurses: these must be defined before ncurses.h is read.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncurses.h>
#include <term.h>
#endif
