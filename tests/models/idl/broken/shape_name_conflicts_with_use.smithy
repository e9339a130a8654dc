$version: "2"
namespace example.broken

use example.other#Name

string Name
