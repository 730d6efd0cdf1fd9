package bench

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Memory is what the kernel says about a process' resident memory.
type Memory struct {
	// RSSBytes is the resident set now (VmRSS).
	RSSBytes int64 `json:"rssBytes"`
	// PeakRSSBytes is the highest resident set the process ever had (VmHWM).
	PeakRSSBytes int64 `json:"peakRssBytes"`
}

// ReadMemory reads /proc/<pid>/status: the numbers `ps` and the bars in DESIGN.md mean by RSS.
func ReadMemory(pid int) (Memory, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Memory{}, err
	}
	return parseProcStatus(string(raw))
}

// parseProcStatus picks VmRSS and VmHWM out of a /proc/<pid>/status text (values in kB).
func parseProcStatus(status string) (Memory, error) {
	var memory Memory
	found := 0
	scanner := bufio.NewScanner(strings.NewReader(status))
	for scanner.Scan() {
		key, value, ok := strings.Cut(scanner.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return Memory{}, fmt.Errorf("/proc status %s: unexpected value %q", key, value)
		}
		kB, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return Memory{}, fmt.Errorf("/proc status %s: %w", key, err)
		}
		if key == "VmRSS" {
			memory.RSSBytes = kB * 1024
		} else {
			memory.PeakRSSBytes = kB * 1024
		}
		found++
	}
	if found != 2 {
		return Memory{}, fmt.Errorf("/proc status: VmRSS or VmHWM missing (a zombie process has neither)")
	}
	return memory, nil
}
