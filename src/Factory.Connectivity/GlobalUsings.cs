global using System.Collections.Immutable;
global using Factory.Contracts.Grains;
global using Factory.Contracts.Views;
global using Factory.Domain.PackMl;
global using Factory.Domain.Plant;
