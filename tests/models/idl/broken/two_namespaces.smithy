$version: "2"
namespace example.broken

string Name

namespace example.other
