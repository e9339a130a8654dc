$version: "2"
namespace example.broken

strcture Widget {}
