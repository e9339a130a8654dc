$version: "2"
metadata owner = "team-a"
metadata tags = ["a"]
// file: other.smithy
$version: "2"
metadata tags = ["b"]
metadata owner = "team-b"
