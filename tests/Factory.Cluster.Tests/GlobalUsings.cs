global using Xunit;
global using Factory.Testing;
