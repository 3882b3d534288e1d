namespace Factory.Domain.Work;

/// <summary>Where a machine's job is.</summary>
public enum JobPhase
{
    /// <summary>Sent to the machine, which has not started producing it.</summary>
    Released = 0,

    /// <summary>The machine produces it.</summary>
    Running = 1,

    /// <summary>Its quantity is made (or the PLC completed it); the machine may take the next job.</summary>
    Finished = 2,
}
