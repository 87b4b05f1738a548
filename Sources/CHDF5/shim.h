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

// H5T_VARIABLE is (size_t)-1, which Swift does not import.
static inline size_t cs_h5t_variable(void) { return H5T_VARIABLE; }

// The number of attributes on an object, or -1 on failure. H5Oget_info's signature changed
// between 1.10 and 1.12, so the version test lives here and not in Swift.
static inline int cs_h5o_attribute_count(hid_t object) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info3(object, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#endif
    return (int)info.num_attrs;
}

// Writes the path of the object an object reference points to into `buffer`; returns the
// path's length, or -1 when the reference cannot be followed.
static inline ssize_t cs_h5r_object_path(hid_t location, const void *reference, char *buffer,
                                         size_t size) {
    hid_t object = H5Rdereference2(location, H5P_DEFAULT, H5R_OBJECT, reference);
    if (object < 0) return -1;
    ssize_t length = H5Iget_name(object, buffer, size);
    H5Oclose(object);
    return length;
}

// The size in bytes of one object reference (hobj_ref_t).
static inline size_t cs_h5r_object_size(void) { return sizeof(hobj_ref_t); }

// Frees the strings HDF5 allocated while reading variable-length data.
static inline herr_t cs_h5_reclaim(hid_t type, hid_t space, void *buffer) {
    return H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
}
#endif
