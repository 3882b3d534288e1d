global using System.Collections.Immutable;
global using Factory.Domain;
global using Factory.Domain.PackMl;
global using Factory.Domain.Plant;
global using Factory.Domain.Work;
global using Orleans;
global using Orleans.Concurrency;
