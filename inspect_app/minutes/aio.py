"""Running pyHanko's coroutines from ordinary code.

`asyncio.run()` refuses to start in a thread whose event loop is already running (an async
server, or Playwright's sync API in the test process). There the coroutine runs on a short-lived
thread of its own, with its own loop.
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coro):
    """Run `coro` to completion and return its result, whatever loop this thread has."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
