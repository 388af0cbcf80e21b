// libhdf5's type and property constants are C macros (often expanding to
// global variables behind H5open()); Swift cannot import most of them. These
// inline functions return them as plain values.
#ifndef REPRO_CHDF5_SHIM_H
#define REPRO_CHDF5_SHIM_H
#include <hdf5.h>

static inline hid_t repro_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t repro_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t repro_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t repro_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t repro_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
static inline hid_t repro_H5T_IEEE_F64LE(void) { return H5T_IEEE_F64LE; }
static inline hid_t repro_H5T_C_S1(void) { return H5T_C_S1; }
static inline hid_t repro_H5P_FILE_CREATE(void) { return H5P_FILE_CREATE; }
static inline hid_t repro_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t repro_H5P_LINK_CREATE(void) { return H5P_LINK_CREATE; }
static inline hid_t repro_H5P_GROUP_CREATE(void) { return H5P_GROUP_CREATE; }
static inline unsigned repro_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline unsigned repro_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }
static inline unsigned repro_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned repro_H5F_ACC_RDWR(void) { return H5F_ACC_RDWR; }
static inline size_t repro_H5T_VARIABLE(void) { return H5T_VARIABLE; }
static inline hid_t repro_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t repro_H5E_DEFAULT(void) { return H5E_DEFAULT; }

/// A creation property list (H5P_FILE_CREATE, H5P_GROUP_CREATE or H5P_DATASET_CREATE) that does not
/// record the object's creation and modification times, so the same content gives the same bytes; or -1.
static inline hid_t repro_untimed_creation_plist(hid_t cls) {
  hid_t plist = H5Pcreate(cls);
  if (plist < 0) return -1;
  if (H5Pset_obj_track_times(plist, 0) < 0) { H5Pclose(plist); return -1; }
  return plist;
}

/// libhdf5's version, "1.10.8".
static inline void repro_H5_version(unsigned *major, unsigned *minor, unsigned *release) {
  H5get_libversion(major, minor, release);
}

/// Turn off libhdf5's automatic error printing on the default error stack.
static inline void repro_H5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/* No library clean-up at exit: a file abandoned after a failed write (a full disk) would be flushed
   again there, and libhdf5 can crash doing it. Must run before any other libhdf5 call. */
static inline void repro_H5_no_atexit(void) { H5dont_atexit(); }

#endif
