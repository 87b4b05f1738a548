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
#endif
