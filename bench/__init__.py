"""The performance benchmark (`make bench`) and the bounded load script. Never part of the test run."""
