cdef inline double mean_of(double[:] values):
    cdef double total = 0
    cdef Py_ssize_t i
    for i in range(values.shape[0]):
        total += values[i]
    return total / values.shape[0] if values.shape[0] else 0.0
