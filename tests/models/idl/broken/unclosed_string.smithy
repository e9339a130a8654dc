$version: "2"
namespace example.broken

@documentation("never closed)
string Name
