namespace ConsultDesk.Domain.Info;

/// <summary>A finder's order.</summary>
public enum InfoSort
{
    /// <summary>Newest publication first.</summary>
    Newest,
    /// <summary>Earliest application deadline first; items without one last.</summary>
    Deadline,
}
