/// The version of cxj and of the language it implements.
public enum CXJVersion {
    public static let tool = "0.1.0"
    public static let language = 1
    public static let informationURI = "https://github.com/cxj-lang/cxj"
}
