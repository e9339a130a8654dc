metadata owner = "team"
$version: "2"
namespace example.broken
