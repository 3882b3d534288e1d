global using Factory.Testing;
global using Xunit;
