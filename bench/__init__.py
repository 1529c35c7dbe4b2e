"""Benchmarks: they measure and print figures against targets; they are not tests."""
