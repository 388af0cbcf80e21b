// OpenBLAS's CBLAS interface and LAPACKE, for matrix products and small
// symmetric eigenproblems.
#ifndef REPRO_CBLAS_SHIM_H
#define REPRO_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
