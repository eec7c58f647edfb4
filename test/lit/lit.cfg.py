# lit configuration for the stackless tool's output and diagnostics.
import os
import lit.formats

config.name = "stackless"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
tool = lit_config.params.get("stackless")
llvm_bin = lit_config.params.get("llvm_bin", "/usr/lib/llvm-19/bin")

config.substitutions.append(("%stackless", tool))
config.substitutions.append(("%runtime", os.path.join(repo, "runtime", "include")))
config.substitutions.append(("%e2e", os.path.join(repo, "test", "e2e")))
config.substitutions.append(("FileCheck", os.path.join(llvm_bin, "FileCheck")))
config.substitutions.append(("%not", os.path.join(llvm_bin, "not")))
