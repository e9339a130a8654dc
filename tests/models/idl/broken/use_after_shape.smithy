$version: "2"
namespace example.broken

string Name

use example.other#Thing
