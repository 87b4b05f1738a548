#ifndef CORTEXSCOPE_COPENBLAS_H
#define CORTEXSCOPE_COPENBLAS_H
#include <cblas.h>
// LAPACK routines exported by Debian's libopenblas0 (Fortran calling convention).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);

// One Adam update over n parameters (see Numerics' Adam for the formula), setting each
// gradient to zero after use when zero_gradients is non-zero. It is written in
// C so that clang vectorises it with packed square roots. Swift's Float.squareRoot() and
// sqrtf compile to a scalar square root with an errno fallback on Linux (Swift 6.3.1), and
// that fallback keeps the loop scalar.
static inline void cortexscope_adam_update(
    float *restrict parameters, float *restrict gradients, float *restrict m,
    float *restrict v, long n, float beta1, float beta2, float step_size,
    float inverse_root_correction2, float epsilon, int zero_gradients) {
    const float one_minus_beta1 = 1.0f - beta1;
    const float one_minus_beta2 = 1.0f - beta2;
    for (long i = 0; i < n; i++) {
        const float g = gradients[i];
        const float mi = beta1 * m[i] + one_minus_beta1 * g;
        const float vi = beta2 * v[i] + one_minus_beta2 * (g * g);
        m[i] = mi;
        v[i] = vi;
        const float denominator =
            __builtin_elementwise_sqrt(vi) * inverse_root_correction2 + epsilon;
        parameters[i] -= step_size * mi / denominator;
        if (zero_gradients) {
            gradients[i] = 0.0f;
        }
    }
}
#endif
