namespace Factory.Domain.Plant;

/// <summary>What a PLC write does to the PLC's job tags before any command it carries.</summary>
public enum PlcJobAction
{
    /// <summary>The job tags are left as they are.</summary>
    None,

    /// <summary>The job is written to the job tags.</summary>
    Write,

    /// <summary>The job tags are cleared: the PLC is to forget its job.</summary>
    Clear,
}
