$version: "2"
namespace example.broken

@length(min: 1
string Name
