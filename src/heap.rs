//! Returning freed memory to the system.
//!
//! Loading a large dataset and building its index free many short-lived
//! buffers on several threads. glibc keeps freed memory for reuse unless it
//! sits at the top of its heap, so the process would stay as large as its
//! busiest moment; trimming after each phase keeps the peak near what is
//! actually held.

/// Gives freed heap pages back to the system where the allocator keeps them.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds as free;
    // it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
