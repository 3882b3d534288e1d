using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A re-plan proposal was offered, accepted, rejected or superseded.</summary>
/// <param name="Status">"offered", "accepted", "rejected" or "superseded".</param>
/// <param name="DecidedBy">Who accepted or rejected it.</param>
[GenerateSerializer, Immutable, Alias("factory.proposal-changed")]
public sealed record ProposalChanged(
    [property: Id(0)] string Site,
    [property: Id(1)] long ProposalId,
    [property: Id(2)] string Status,
    [property: Id(3)] string? DecidedBy,
    [property: Id(4)] PlanProposalView Proposal)
    : PlantEvent(Site, $"proposal-{ProposalId}", ProposalId)
{
    public override string Kind => "proposalChanged";
}
