$version: "2"
namespace example.broken

/// A name.
@documentation("Another text.")
string Name
