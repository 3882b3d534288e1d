namespace Factory.Scheduling.Model;

/// <summary>A skill a worker holds.</summary>
/// <param name="Skill">Skill name, matched exactly against <see cref="JobOperation.Skill"/>.</param>
/// <param name="Level">Level held (compared with <see cref="JobOperation.MinLevel"/>).</param>
/// <param name="ValidUntil">The certification expires at this instant: an operation using the skill must end no later. Null means it does not expire.</param>
public sealed record WorkerSkill(string Skill, int Level = 1, long? ValidUntil = null);
