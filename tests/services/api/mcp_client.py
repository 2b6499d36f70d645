"""Drives todo-chatbot's POST /mcp with the official MCP Python SDK (the `mcp` package).

Usage: mcp_client.py BASE_URL [TOKEN]
Without TOKEN (authentication off) each call names its user_id; with it, the bearer token's
subject ("mcp-user") is the user. Lists the tools, adds a task, reads it back over REST, and
checks a failing call.
"""
import asyncio
import json
import sys
import urllib.request

from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

EXPECTED_TOOLS = ["add_task", "complete_task", "delete_task", "list_tasks", "update_task"]


async def main(base: str, token: str) -> None:
    headers = {"Authorization": "Bearer " + token} if token else {}
    user = {} if token else {"user_id": "mcp-user"}
    async with streamablehttp_client(base + "/mcp", headers=headers) as (read, write, _):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            assert init.serverInfo.name == "todo-chatbot", init.serverInfo
            tools = (await session.list_tools()).tools
            assert sorted(t.name for t in tools) == EXPECTED_TOOLS, [t.name for t in tools]
            add = next(t for t in tools if t.name == "add_task")
            assert add.inputSchema["type"] == "object", add.inputSchema
            assert "title" in add.inputSchema["properties"], add.inputSchema
            assert ("user_id" in add.inputSchema["required"]) == (not token), add.inputSchema
            listing = next(t for t in tools if t.name == "list_tasks")
            assert {"due", "sort"} <= set(listing.inputSchema["properties"]), listing.inputSchema

            added = await session.call_tool(
                "add_task", {"title": "Buy milk over MCP", "priority": "high", **user})
            assert not added.isError, added
            task = json.loads(added.content[0].text)
            assert task["title"] == "Buy milk over MCP" and task["priority"] == "high", task

            listed = await session.call_tool("list_tasks", user)
            assert [t["title"] for t in json.loads(listed.content[0].text)] == ["Buy milk over MCP"]

            missing = await session.call_tool("complete_task", {"task_id": 999999, **user})
            assert missing.isError, missing
            assert "not found" in missing.content[0].text, missing

    rest = urllib.request.Request(base + "/api/mcp-user/tasks", headers=headers)
    with urllib.request.urlopen(rest) as answer:
        tasks = json.load(answer)
    assert [t["title"] for t in tasks] == ["Buy milk over MCP"], tasks
    print("MCP OK", init.protocolVersion, task["id"])


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
