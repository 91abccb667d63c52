//! Integration tests of the web application (written as the pages land).
