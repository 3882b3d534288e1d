namespace Factory.Host.Api;

/// <summary>
/// An area of the API (maintenance, execution, plan, …): its endpoints share one OpenAPI tag, every signed-in user may
/// read them (the <c>/api/v1</c> group's read policy), and its changes are for one policy.
/// </summary>
internal static class ApiArea
{
    /// <summary>
    /// The area tagged <paramref name="tag"/> under <paramref name="prefix"/>: <c>Reads</c> for what every signed-in user may call,
    /// <c>Changes</c> for what only <paramref name="changePolicy"/> may call.
    /// </summary>
    public static (RouteGroupBuilder Reads, RouteGroupBuilder Changes) Area(this RouteGroupBuilder api, string tag, string changePolicy, string prefix = "")
    {
        var reads = api.MapGroup(prefix).WithTags(tag);
        return (reads, reads.MapGroup("").RequireAuthorization(changePolicy));
    }
}
