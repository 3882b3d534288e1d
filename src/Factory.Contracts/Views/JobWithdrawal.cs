namespace Factory.Contracts.Views;

/// <summary>What a machine had made of a job taken back from it (moved or cancelled).</summary>
/// <param name="Held">The machine held that job (unfinished); false when it did not, and the counts are zero.</param>
[GenerateSerializer, Immutable, Alias("factory.job-withdrawal")]
public sealed record JobWithdrawal(
    [property: Id(0)] bool Held,
    [property: Id(1)] long Good,
    [property: Id(2)] long Scrap);
