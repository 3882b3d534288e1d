namespace Factory.Domain.Oee;

/// <summary>One row of a site's classification table, for showing how the numbers are made.</summary>
public sealed record ClassificationRule(string When, string Element);
