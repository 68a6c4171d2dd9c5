/// The version of Sift, as `sift version` prints it and SARIF logs record it.
public enum SiftVersion {
    public static let current = "0.1.0"
}
