using Akka.Streams;
using Akka.Streams.Stage;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// Emits the pages a query reads from its journal, reading one page at a time and only when downstream wants more, so a
/// query holds at most one page in memory. After <see cref="PageEnd.CaughtUp"/> it polls again every refresh
/// interval. Cancelling stops the timer: no further reads start, and a read in flight is dropped.
/// </summary>
internal sealed class PollingSource<TState, TElement> : GraphStage<SourceShape<TElement>>
{
    private readonly TState _start;
    private readonly Func<TState, Task<QueryPage<TState, TElement>>> _readPage;
    private readonly TimeSpan _refreshInterval;
    private readonly Outlet<TElement> _out = new("PollingSource.out");

    public PollingSource(TState start, Func<TState, Task<QueryPage<TState, TElement>>> readPage, TimeSpan refreshInterval)
    {
        _start = start;
        _readPage = readPage;
        _refreshInterval = refreshInterval;
        Shape = new SourceShape<TElement>(_out);
    }

    public override SourceShape<TElement> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("journalQuery");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string PollTimer = "poll";
        private readonly PollingSource<TState, TElement> _stage;
        private readonly Queue<TElement> _buffer = new();
        private readonly Action<Task<QueryPage<TState, TElement>>> _onPageRead;
        private TState _next;
        private bool _reading;
        private bool _waiting;
        private bool _complete;

        public Logic(PollingSource<TState, TElement> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _next = stage._start;
            _onPageRead = GetAsyncCallback<Task<QueryPage<TState, TElement>>>(HandlePageRead);
            SetHandler(stage._out, onPull: HandlePull);
        }

        protected override void OnTimer(object timerKey)
        {
            _waiting = false;
            if (IsAvailable(_stage._out))
            {
                HandlePull();
            }
        }

        private void HandlePull()
        {
            if (_buffer.TryDequeue(out var element))
            {
                Push(_stage._out, element);
            }
            else if (!_reading && !_waiting && !_complete)
            {
                _reading = true;
                _stage._readPage(_next).ContinueWith(_onPageRead, TaskContinuationOptions.ExecuteSynchronously);
            }

            if (_complete && _buffer.Count == 0)
            {
                CompleteStage();
            }
        }

        private void HandlePageRead(Task<QueryPage<TState, TElement>> read)
        {
            _reading = false;
            if (!read.IsCompletedSuccessfully)
            {
                FailStage(read.Exception?.InnerException ?? new TaskCanceledException(read));
                return;
            }

            var page = read.Result;
            _next = page.Next;
            foreach (var element in page.Elements)
            {
                _buffer.Enqueue(element);
            }

            _complete = page.End == PageEnd.Complete;
            if (page.End == PageEnd.CaughtUp)
            {
                _waiting = true;
                ScheduleOnce(PollTimer, _stage._refreshInterval);
            }

            if (IsAvailable(_stage._out))
            {
                HandlePull();
            }
        }
    }
}
