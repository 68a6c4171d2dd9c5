// The `sift` command line. Replaced by the ArgumentParser commands of the CLI issue.
print("sift: not built yet")
