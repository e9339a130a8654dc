$version: "2"
namespace smithy.api

string Name
