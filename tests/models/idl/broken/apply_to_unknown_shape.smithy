$version: "2"
namespace example.broken

apply Widget @sensitive
