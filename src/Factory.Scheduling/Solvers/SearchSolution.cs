namespace Factory.Scheduling.Solvers;

/// <summary>One candidate: the list, the assignments and what decoding made of them.</summary>
internal sealed class SearchSolution
{
    public SearchSolution(int operations, int free)
    {
        Order = new int[free];
        Pos = new int[operations];
        Machine = new int[operations];
        Worker = new int[operations];
        Until = new long[operations];
        Start = new long[operations];
        End = new long[operations];
        Blocker = new int[operations];
        Arc = new byte[operations];
    }

    public int[] Order { get; }

    public int[] Pos { get; }

    public int[] Machine { get; }

    public int[] Worker { get; }

    public long[] Until { get; }

    public long[] Start { get; }

    public long[] End { get; }

    public int[] Blocker { get; }

    public byte[] Arc { get; }

    public long[] MachineLast { get; private set; } = [];

    public int[] MachinePrev { get; private set; } = [];

    public long[] WorkerLast { get; private set; } = [];

    public int[] WorkerPrev { get; private set; } = [];

    public (long Primary, long Secondary, long Completion) Key { get; set; }

    public SearchSolution Sized(int machines, int workers)
    {
        MachineLast = new long[machines];
        MachinePrev = new int[machines];
        WorkerLast = new long[workers];
        WorkerPrev = new int[workers];
        return this;
    }

    public SearchSolution Clone()
    {
        var copy = new SearchSolution(Pos.Length, Order.Length).Sized(MachineLast.Length, WorkerLast.Length);
        copy.CopyFrom(this);
        return copy;
    }

    public void CopyFrom(SearchSolution other)
    {
        other.Order.CopyTo(Order, 0);
        other.Pos.CopyTo(Pos, 0);
        other.Machine.CopyTo(Machine, 0);
        other.Worker.CopyTo(Worker, 0);
        other.Until.CopyTo(Until, 0);
        Key = other.Key;
    }
}
