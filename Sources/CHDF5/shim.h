#ifndef CORTEXSCOPE_CHDF5_H
#define CORTEXSCOPE_CHDF5_H
#include <hdf5.h>
// HDF5's native type ids and file flags are macros over library globals; Swift reads them here.
static inline hid_t cs_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t cs_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t cs_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t cs_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t cs_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t cs_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t cs_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t cs_h5t_std_ref_obj(void) { return H5T_STD_REF_OBJ; }
static inline unsigned cs_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline hid_t cs_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t cs_h5s_all(void) { return H5S_ALL; }
static inline void cs_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif
