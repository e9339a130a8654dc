$version: "2"
namespace example.broken

string Name
// file: other.json
{"smithy": "2.0", "shapes": {"example.broken#Widget": {"type": "structure", "members": {"name": {"target": "Name"}}}}}
