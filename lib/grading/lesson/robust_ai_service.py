"""
健壮的AI服务
综合错误处理、重试、熔断器、降级
"""

from openai import OpenAI, APIError, RateLimitError, APIConnectionError
import time
import random
from datetime import datetime
from functools import wraps
from enum import Enum


class CircuitState(Enum):
    """熔断器状态"""
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """简化的熔断器"""
    
    def __init__(self, failure_threshold=5, timeout=60):
        self.failure_threshold = failure_threshold
        self.timeout = timeout
        self.state = CircuitState.CLOSED
        self.failure_count = 0
        self.last_failure_time = None
    
    def call(self, func):
        if self.state == CircuitState.OPEN:
            if self.last_failure_time and \
               (datetime.now() - self.last_failure_time).seconds > self.timeout:
                self.state = CircuitState.HALF_OPEN
                print("[熔断器] 尝试恢复...")
            else:
                raise Exception("熔断器开启")
        
        try:
            result = func()
            if self.state == CircuitState.HALF_OPEN:
                self.state = CircuitState.CLOSED
                self.failure_count = 0
                print("[熔断器] 恢复正常")
            return result
        
        except Exception as e:
            self.failure_count += 1
            self.last_failure_time = datetime.now()
            
            if self.failure_count >= self.failure_threshold:
                self.state = CircuitState.OPEN
                print(f"[熔断器] 触发熔断（失败{self.failure_count}次）")
            raise


def retry_with_backoff(max_retries=3):
    """重试装饰器"""
    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            for i in range(max_retries):
                try:
                    return func(*args, **kwargs)
                except (APIError, APIConnectionError, RateLimitError) as e:
                    if i == max_retries - 1:
                        raise
                    
                    wait_time = (2 ** i) * (0.5 + random.random())
                    print(f"[重试] 第{i+1}次失败，{wait_time:.2f}秒后重试")
                    time.sleep(wait_time)
        return wrapper
    return decorator


class RobustAIService:
    """健壮的AI服务"""
    
    def __init__(self):
        self.client = OpenAI()
        self.circuit_breaker = CircuitBreaker(failure_threshold=3, timeout=30)
        self.cache = {}
        self.stats = {
            "total_requests": 0,
            "successful_requests": 0,
            "failed_requests": 0,
            "cache_hits": 0,
            "circuit_breaker_trips": 0
        }
    
    @retry_with_backoff(max_retries=3)
    def _api_call(self, message):
        """底层API调用（带重试）"""
        response = self.client.chat.completions.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": message}],
            timeout=30
        )
        return response.choices[0].message.content
    
    def chat(self, message):
        """对外接口"""
        self.stats["total_requests"] += 1
        
        # 检查缓存
        if message in self.cache:
            self.stats["cache_hits"] += 1
            print("[缓存] 命中")
            return {"source": "cache", "content": self.cache[message]}
        
        try:
            # 通过熔断器调用
            result = self.circuit_breaker.call(
                lambda: self._api_call(message)
            )
            
            self.stats["successful_requests"] += 1
            self.cache[message] = result
            return {"source": "api", "content": result}
        
        except Exception as e:
            self.stats["failed_requests"] += 1
            
            if "熔断器开启" in str(e):
                self.stats["circuit_breaker_trips"] += 1
                print("[降级] 熔断器开启，使用预设回复")
                return {
                    "source": "fallback",
                    "content": "系统繁忙，请稍后重试"
                }
            
            print(f"[错误] {e}")
            return {
                "source": "error",
                "content": "抱歉，服务暂时不可用"
            }
    
    def get_stats(self):
        """获取统计信息"""
        success_rate = 0
        if self.stats["total_requests"] > 0:
            success_rate = self.stats["successful_requests"] / self.stats["total_requests"] * 100
        
        return {
            **self.stats,
            "success_rate": f"{success_rate:.2f}%",
            "cache_hit_rate": f"{self.stats['cache_hits'] / max(self.stats['total_requests'], 1) * 100:.2f}%"
        }


def demo():
    """演示"""
    print("🚀 健壮AI服务演示\n")
    
    service = RobustAIService()
    
    # 测试用例
    test_cases = [
        "什么是Python？",
        "什么是Python？",  # 重复，测试缓存
        "什么是Java？",
        "什么是Go？"
    ]
    
    for i, message in enumerate(test_cases, 1):
        print(f"\n{'='*60}")
        print(f"请求 {i}/{len(test_cases)}")
        print(f"{'='*60}")
        print(f"问题：{message}")
        
        result = service.chat(message)
        print(f"来源：{result['source']}")
        print(f"回复：{result['content'][:100]}...")
    
    # 显示统计
    print(f"\n{'='*60}")
    print("统计信息")
    print(f"{'='*60}")
    stats = service.get_stats()
    for key, value in stats.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    demo()
