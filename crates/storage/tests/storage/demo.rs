//! Demo seed tests (below).
