$version: "2"
namespace example.broken

string Name

string Name
