// KISS FFT (BSD-3-Clause), Debian package libkissfft-dev, single-precision build.
#include <kissfft/kiss_fftnd.h>
