// CCProcess: see README.md in this folder for its job, boundaries and invariants.
import CCCore
