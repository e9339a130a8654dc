$version: "2"
namespace example.broken

@documentation("tab \q here")
string Name
