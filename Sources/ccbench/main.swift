print("ccbench: no benchmarks yet")
